"""What is kept between builds so an unchanged input is never processed twice."""
